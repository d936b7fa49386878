namespace Organising.Platform.Tests;

/// <summary>A search longer than the limit is refused beside its box and kept there, never silently cut.</summary>
public sealed class SearchBoxTests
{
    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await PlatformWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    [TestCase("/Admin/Users")]
    [TestCase("/Admin/Messages")]
    public async Task An_over_long_search_is_refused_with_a_message_and_kept_in_the_box(string path)
    {
        var typed = "admin" + new string('x', 196);
        var page = await _world.Admin.Browser.GetPageAsync($"{path}?q={typed}");

        Assert.That(page.Text("#q-error"), Does.Contain("at most 200 characters").And.Contain("201"));
        Assert.That(page.Document.QuerySelector("#q")?.GetAttribute("value"), Is.EqualTo(typed), "the text stays to be shortened");
        Assert.That(page.Document.QuerySelector("#q")?.GetAttribute("aria-describedby"), Is.EqualTo("q-error"));

        var atTheLimit = await _world.Admin.Browser.GetPageAsync($"{path}?q={typed[..200]}");
        Assert.That(atTheLimit.Text("#q-error"), Is.Null);
    }

    [Test]
    public async Task A_refused_search_filters_nothing_rather_than_a_cut_text()
    {
        var page = await _world.Admin.Browser.GetPageAsync($"/Admin/Users?q={"admin@example.org" + new string(' ', 184) + "z"}");
        Assert.That(page.Body, Does.Contain("organiser@example.org"), "the whole list, with the message beside the box");
    }
}
