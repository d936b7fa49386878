global using NUnit.Framework;
global using Organising.Testing;
