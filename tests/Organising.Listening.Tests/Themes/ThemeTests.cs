using System.Net;
using Organising.Listening.Areas.Listening.Pages.Themes;
using Organising.Platform.Pipeline;

namespace Organising.Listening.Tests.Themes;

/// <summary>The managed list of themes: who sees and changes it, renaming, and merging with its effect on tags.</summary>
public sealed class ThemeTests : WorldFixture
{
    [Test]
    public async Task The_list_shows_the_seeded_themes_with_codes_and_counts_to_all_who_record()
    {
        var ev = await World.AddEventAsync(World.CampaignA);
        await World.AddRaisedAsync(ev, "Listed count", "Isolation");
        var page = await World.Volunteer.Browser.GetPageAsync("/Listening/Themes");
        var row = page.Document.QuerySelectorAll("#themes tbody tr").Single(r => r.QuerySelector("td")!.TextContent == "Isolation");
        Assert.That(row.QuerySelectorAll("td")[1].TextContent, Is.EqualTo("ISO"));
        Assert.That(int.Parse(row.QuerySelectorAll("td")[3].TextContent), Is.GreaterThanOrEqualTo(1));
        Assert.That(page.Document.QuerySelector("a[href='/Listening/Themes/Create']"), Is.Null, "Volunteers don't change the list");
        Assert.That((await World.Observer.Browser.GetAsync("/Listening/Themes")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
    }

    [Test]
    public async Task Search_and_csv()
    {
        var page = await World.Leader.Browser.GetPageAsync("/Listening/Themes?q=hous");
        Assert.That(page.Texts("#themes tbody tr td:first-child"), Is.EqualTo(new[] { "Housing" }));
        var csv = await World.Leader.Browser.GetAsync("/Listening/Themes?q=hous&handler=Csv");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        Assert.That(csv.Body, Does.Contain("Theme,Code,Description,Issues raised").And.Contain("Housing,HOU"));
        Assert.That(csv.Body, Does.Not.Contain("Food"));
    }

    [TestCase("Leader")]
    [TestCase("Volunteer")]
    [TestCase("Observer")]
    public async Task Only_Organisers_change_themes_by_any_url(string user)
    {
        var browser = World.Users[user].Browser;
        var housing = World.Themes["Housing"];
        Assert.That((await browser.GetAsync("/Listening/Themes/Create")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
        Assert.That((await browser.GetAsync($"/Listening/Themes/Edit/{housing}")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
        Assert.That((await browser.GetAsync($"/Listening/Themes/Merge/{housing}")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Users[user], new SaveTheme.Command { Id = housing, Name = "Taken over" }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Users[user], new MergeTheme.Command { SourceId = housing, TargetId = World.Themes["Food"] }));
    }

    [Test]
    public async Task Creating_and_renaming_refuse_a_name_that_differs_only_in_capitals()
    {
        var created = await World.Organiser.Browser.SubmitAsync("/Listening/Themes/Create", new() { ["Input.Name"] = "Transport", ["Input.Code"] = "tr" });
        Assert.That(created.Location, Is.EqualTo("/Listening/Themes"), created.Errors);
        var clash = await World.Organiser.Browser.SubmitAsync("/Listening/Themes/Create", new() { ["Input.Name"] = "  housing " });
        Assert.That(clash.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(clash.FieldError("Input.Name"), Does.Contain("There is already a theme called “Housing”"));
        var codeClash = await World.Organiser.Browser.SubmitAsync("/Listening/Themes/Create", new() { ["Input.Name"] = "Travel", ["Input.Code"] = "hou" });
        Assert.That(codeClash.FieldError("Input.Code"), Does.Contain("HOU is already “Housing”'s"));
        var badCode = await World.Organiser.Browser.SubmitAsync("/Listening/Themes/Create", new() { ["Input.Name"] = "Travel", ["Input.Code"] = "a b" });
        Assert.That(badCode.FieldError("Input.Code"), Does.Contain("letters and digits"));
        var empty = await World.Organiser.Browser.SubmitAsync("/Listening/Themes/Create", new() { ["Input.Name"] = "" });
        Assert.That(empty.FieldError("Input.Name"), Is.EqualTo("Enter the theme's name."));

        var transport = await World.CountAsync("SELECT COUNT(*) FROM listening_theme WHERE name = 'Transport' AND code = 'TR'");
        Assert.That(transport, Is.EqualTo(1));
        var id = Guid.Parse((await World.AsAsync(World.Organiser, async (s, _) => (await s.Send(new FindThemes.Query("Transport"))).Themes.Single().Id.ToString()))!);
        var renameClash = await World.Organiser.Browser.SubmitAsync($"/Listening/Themes/Edit/{id}", new() { ["Input.Name"] = "FOOD" });
        Assert.That(renameClash.FieldError("Input.Name"), Does.Contain("“Food”"));
        // Renaming to its own name in other capitals is allowed: it is the same theme.
        var recased = await World.Organiser.Browser.SubmitAsync($"/Listening/Themes/Edit/{id}", new() { ["Input.Name"] = "Transport & <travel>" });
        Assert.That(recased.Location, Is.EqualTo("/Listening/Themes"), recased.Errors);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_theme WHERE name = 'Transport & <travel>'"), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = 'listening.theme-edited' AND summary LIKE '%renamed%'"), Is.EqualTo(1));
        Assert.That((await World.Organiser.Browser.GetAsync($"/Listening/Themes/Edit/{Guid.CreateVersion7()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Merging_moves_the_tags_once_states_how_many_first_and_deletes_the_theme()
    {
        var source = (await World.SendAsAsync(World.Organiser, new SaveTheme.Command { Name = "Damp and mould" })).Id;
        var housing = World.Themes["Housing"];
        var ev = await World.AddEventAsync(World.CampaignB);
        var both = await World.AddRaisedAsync(ev, "Mould in the flat", "Housing");
        var onlySource = await World.AddRaisedAsync(ev, "Damp bedroom");
        await using (var db = World.App.OpenDatabase())
        {
            foreach (var raised in new[] { both, onlySource })
                await Dapper.SqlMapper.ExecuteAsync(db, "INSERT INTO listening_raised_theme (raised_id, theme_id, campaign_id) VALUES (@r, @t, @c)",
                    new { r = raised.ToString(), t = source.ToString(), c = World.CampaignB.ToString() });
        }
        var housingBefore = await World.CountAsync("SELECT COUNT(*) FROM listening_raised_theme WHERE theme_id = @t", new { t = housing.ToString() });

        var choose = await World.Organiser.Browser.GetPageAsync($"/Listening/Themes/Merge/{source}");
        Assert.That(choose.Document.QuerySelector("#choose-target select#into"), Is.Not.Null);
        Assert.That(choose.Texts("#into option"), Does.Not.Contain("Damp and mould"));
        var self = await World.Organiser.Browser.GetPageAsync($"/Listening/Themes/Merge/{source}?into={source}");
        Assert.That(self.Text("#into-error"), Does.Contain("cannot be merged into itself"));
        var confirm = await World.Organiser.Browser.GetPageAsync($"/Listening/Themes/Merge/{source}?into={housing}");
        Assert.That(confirm.Text("#merge-summary"), Does.Contain("2 tags will move").And.Contain("1 of those issues are already tagged “Housing”"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_theme WHERE id = @id", new { id = source.ToString() }), Is.EqualTo(1), "nothing changes before the confirmation");

        var merged = await confirm.SubmitAsync(World.Organiser.Browser, formSelector: "#confirm-merge");
        Assert.That(merged.Location, Is.EqualTo("/Listening/Themes"), merged.Errors);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_theme WHERE id = @id", new { id = source.ToString() }), Is.EqualTo(0));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised_theme WHERE theme_id = @t", new { t = source.ToString() }), Is.EqualTo(0));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised_theme WHERE theme_id = @t", new { t = housing.ToString() }), Is.EqualTo(housingBefore + 1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised_theme WHERE raised_id = @r", new { r = both.ToString() }), Is.EqualTo(1), "one tag, not two");
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised_theme WHERE raised_id = @r AND theme_id = @t", new { r = onlySource.ToString(), t = housing.ToString() }), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = 'listening.theme-merged' AND summary LIKE '%Damp and mould%'"), Is.EqualTo(1));
        Assert.That((await World.Organiser.Browser.GetAsync($"/Listening/Themes/Merge/{source}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Merging_without_a_target_or_into_itself_is_refused_with_a_message()
    {
        var housing = World.Themes["Housing"];
        var none = await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Organiser, new MergeTheme.Command { SourceId = housing }));
        Assert.That(none!.Errors.Single().Message, Is.EqualTo("Choose the theme to merge it into."));
        var self = await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Organiser, new MergeTheme.Command { SourceId = housing, TargetId = housing }));
        Assert.That(self!.Errors.Single().Message, Does.Contain("cannot be merged into itself"));
    }
}
