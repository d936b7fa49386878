global using NUnit.Framework;
global using Organising.Networks.Tests.Support;
