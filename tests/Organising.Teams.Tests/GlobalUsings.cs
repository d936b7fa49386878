global using NUnit.Framework;
global using Organising.Teams.Tests.Support;
global using Organising.Testing;
global using Organising.Platform.Data;
