global using NUnit.Framework;
global using Organising.Networks.Tests.Support;
global using Organising.Testing;
global using Organising.Platform.Data;
