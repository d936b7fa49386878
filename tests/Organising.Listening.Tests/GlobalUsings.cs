global using NUnit.Framework;
global using Organising.Listening.Tests.Support;
global using Organising.Testing;
global using Organising.Platform.Data;
