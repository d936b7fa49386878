using System.Net;
using Dapper;
using Organising.Platform.Areas.Account.Pages;
using Organising.Platform.Audit;
using Organising.Platform.Identity;

namespace Organising.Platform.Tests;

/// <summary>Role changes and disabling apply on the user's next request; the last Administrator stays.</summary>
public sealed class UserAccessTests
{
    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await PlatformWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private Task<PageResponse> ChangeRoleAsync(Browser admin, Guid userId, string role) =>
        admin.SubmitAsync($"/Admin/Users/Edit/{userId}", new() { ["Input.Role"] = role });

    private async Task<string> RoleOfAsync(Guid id)
    {
        await using var connection = _world.App.OpenDatabase();
        return await connection.ExecuteScalarAsync<string>("SELECT role FROM platform_user WHERE id = @id", new { id = id.ToString() }) ?? "";
    }

    [Test]
    public async Task A_role_change_applies_on_the_users_next_request()
    {
        var (id, email) = await _world.NewUserAsync(Roles.Leader);
        using var user = await _world.App.SignInAsync(email);
        Assert.That((await user.GetAsync("/Admin/Users")).LocationPath, Is.EqualTo("/Account/AccessDenied"));

        var changed = await ChangeRoleAsync(_world.Admin.Browser, id, Roles.Organiser);
        Assert.That(changed.Location, Is.EqualTo($"/Admin/Users/Edit/{id}"));
        Assert.That((await _world.Admin.Browser.FollowAsync(changed)).Text(".alert-success"), Does.Contain($"is now {Roles.Organiser}"));

        Assert.That((await user.GetAsync("/Admin/Users")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = @kind AND subject_id = @id",
            new { kind = AuditKinds.RoleChanged, id = id.ToString() }), Is.EqualTo(1));

        var demoted = await ChangeRoleAsync(_world.Admin.Browser, id, Roles.Observer);
        Assert.That(demoted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await user.GetAsync("/Admin/Users")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
    }

    [Test]
    public async Task Saving_the_same_role_changes_and_audits_nothing()
    {
        var (id, _) = await _world.NewUserAsync(Roles.Leader);
        var response = await ChangeRoleAsync(_world.Admin.Browser, id, Roles.Leader);
        Assert.That((await _world.Admin.Browser.FollowAsync(response)).Text(".alert-info"), Does.Contain("nothing changed"));
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = @kind AND subject_id = @id",
            new { kind = AuditKinds.RoleChanged, id = id.ToString() }), Is.Zero);
    }

    [Test]
    public async Task Disabling_signs_the_user_out_at_once_and_enabling_lets_them_back()
    {
        var (id, email) = await _world.NewUserAsync(Roles.Volunteer);
        using var user = await _world.App.SignInAsync(email);
        Assert.That((await user.GetAsync("/")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var confirm = await _world.Admin.Browser.GetPageAsync($"/Admin/Users/Disable/{id}");
        var disabled = await confirm.SubmitAsync(_world.Admin.Browser);
        Assert.That(disabled.Location, Is.EqualTo($"/Admin/Users/Edit/{id}"));

        Assert.That((await user.GetAsync("/")).LocationPath, Is.EqualTo("/Account/Login"), "signed out on the next request");
        using var again = _world.App.NewBrowser();
        var refused = await again.SubmitAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = TestApp.Password });
        Assert.That(refused.FormError, Is.EqualTo(SignIn.WrongCredentials));

        var edit = await _world.Admin.Browser.GetPageAsync($"/Admin/Users/Edit/{id}");
        Assert.That(edit.Body, Does.Contain("This account is disabled"));
        var enabled = await edit.SubmitAsync(_world.Admin.Browser, formSelector: "form[action*='handler=Enable']");
        Assert.That(enabled.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var back = await _world.App.SignInAsync(email);
        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE subject_id = @id AND kind IN (@a, @b)",
            new { id = id.ToString(), a = AuditKinds.Disabled, b = AuditKinds.Enabled }), Is.EqualTo(2));
    }

    [Test]
    public async Task The_last_active_Administrator_can_be_neither_demoted_nor_disabled()
    {
        // A second Administrator who is disabled does not count.
        var (spare, _) = await _world.NewUserAsync(Roles.Administrator);
        await using (var connection = _world.App.OpenDatabase())
        {
            await connection.ExecuteAsync("UPDATE platform_user SET is_disabled = 1 WHERE id = @id", new { id = spare.ToString() });
        }

        var demote = await ChangeRoleAsync(_world.Admin.Browser, _world.Admin.Id, Roles.Organiser);
        Assert.That(demote.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(demote.FieldError("Input.Role"), Does.StartWith("This is the only active Administrator."));

        var confirm = await _world.Admin.Browser.GetPageAsync($"/Admin/Users/Disable/{_world.Admin.Id}");
        var disable = await confirm.SubmitAsync(_world.Admin.Browser);
        Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(disable.FormError, Does.Contain("cannot be disabled"));

        Assert.That(await RoleOfAsync(_world.Admin.Id), Is.EqualTo(Roles.Administrator));
        Assert.That((await _world.Admin.Browser.GetAsync("/Admin/Settings")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task With_another_active_Administrator_one_can_step_down()
    {
        var (other, otherEmail) = await _world.NewUserAsync(Roles.Administrator);
        using var otherBrowser = await _world.App.SignInAsync(otherEmail);
        var stepDown = await ChangeRoleAsync(otherBrowser, other, Roles.Organiser);
        Assert.That(stepDown.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await RoleOfAsync(other), Is.EqualTo(Roles.Organiser));
        Assert.That((await otherBrowser.GetAsync("/Admin/Settings")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
    }

    [TestCase("Wizard")]
    [TestCase("administrator")]
    [TestCase("")]
    public async Task An_unknown_role_is_refused_beside_the_field(string role)
    {
        var (id, _) = await _world.NewUserAsync(Roles.Leader);
        var response = await ChangeRoleAsync(_world.Admin.Browser, id, role);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FieldError("Input.Role"), Is.EqualTo(role == "" ? "Choose a role." : "Choose one of the roles in the list."));
        Assert.That(await RoleOfAsync(id), Is.EqualTo(Roles.Leader));
    }
}
