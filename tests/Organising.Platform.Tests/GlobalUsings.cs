global using NUnit.Framework;
global using Organising.Platform.Tests.Support;
global using Organising.Testing;
global using Organising.Platform.Data;
