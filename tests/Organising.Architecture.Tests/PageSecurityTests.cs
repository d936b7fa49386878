using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Identity;

namespace Organising.Architecture.Tests;

/// <summary>
/// Every page requires sign-in unless it opts out explicitly, and every form checks its antiforgery token.
/// A new opt-out fails here until it is added to a list below, on purpose: someone has to look at it.
/// </summary>
public sealed class PageSecurityTests
{
    /// <summary>Pages a signed-out visitor must reach.</summary>
    private static readonly string[] AnonymousPages =
    [
        "Organising.Platform.Pages.SetupModel",
        "Organising.Platform.Areas.Account.Pages.LoginModel",
        "Organising.Platform.Areas.Account.Pages.LogoutModel",
        "Organising.Platform.Areas.Account.Pages.ForgotPasswordModel",
        "Organising.Platform.Areas.Account.Pages.ResetPasswordModel",
        "Organising.Platform.Areas.Account.Pages.AcceptInvitationModel",
        "Organising.Platform.Areas.Account.Pages.AccessDeniedModel",
        // Calendar apps send no cookie: the feed's secret token is its only key.
        "Organising.Platform.Pages.Calendar.FeedModel",
        // The people's agenda, once an Organiser has published it; until then the page sends visitors to sign in.
        "Organising.Listening.Areas.Listening.Pages.Agenda.AgendaModel",
        "Organising.Host.Pages.ErrorModel",
        "Organising.Host.Pages.StatusModel",
    ];

    /// <summary>Error pages are re-executed for any failed request, POSTs included, whose token may be the problem.</summary>
    private static readonly string[] PagesWithoutAntiforgery =
    [
        "Organising.Host.Pages.ErrorModel",
        "Organising.Host.Pages.StatusModel",
    ];

    private static IReadOnlyList<Type> PageModels() =>
        Solution.Assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract)
            .ToList();

    private static bool AllowsAnonymous(Type page) =>
        page.GetCustomAttributes(inherit: true).OfType<IAllowAnonymous>().Any();

    private static bool IgnoresAntiforgery(Type page) =>
        page.GetCustomAttributes(inherit: true).Any(a => a is IgnoreAntiforgeryTokenAttribute or IAntiforgeryMetadata { RequiresValidation: false });

    private static bool BindsProperties(Type page) =>
        page.GetProperties().Any(p => p.IsDefined(typeof(BindPropertyAttribute), inherit: true));

    [Test]
    public void Only_allow_listed_pages_allow_anonymous_visitors()
    {
        var pages = PageModels();
        Assert.That(pages, Is.Not.Empty);

        var anonymous = pages.Where(AllowsAnonymous).Select(t => t.FullName);

        Assert.That(anonymous.Except(AnonymousPages), Is.Empty,
            "A page opts out of sign-in: if that is right, add it to AnonymousPages in this test.");
    }

    [Test]
    public void Only_allow_listed_pages_skip_antiforgery()
    {
        var pages = PageModels();
        Assert.That(pages.Where(BindsProperties), Is.Not.Empty);

        var skipping = pages.Where(IgnoresAntiforgery).Select(t => t.FullName);

        Assert.That(skipping.Except(PagesWithoutAntiforgery), Is.Empty);
    }

    [Test]
    public void The_allow_lists_name_existing_pages()
    {
        // A renamed or deleted page must not leave a stale entry that a new page could take over.
        Assert.That(AnonymousPages.Union(PagesWithoutAntiforgery), Is.SubsetOf(PageModels().Select(t => t.FullName)));
    }

    [Test]
    public void No_page_opts_out_through_a_convention()
    {
        // Opt-outs must be attributes on the page, where the lists above see them.
        var calls = Solution.Assemblies.SelectMany(Il.Calls).ToList();
        Assert.That(calls, Is.Not.Empty);

        var optOuts = calls.Where(c =>
                c.Method.StartsWith("AllowAnonymousTo", StringComparison.Ordinal)
                || c.Method == ".ctor" && c.DeclaringType is "Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute"
                    or "Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute")
            .Select(c => $"{c.Caller} calls {c.DeclaringType}.{c.Method}");

        Assert.That(optOuts, Is.Empty);
    }

    [Test]
    public void Signing_in_is_the_fallback_for_every_endpoint()
    {
        // Without this policy, a page with no attribute at all would be open.
        var options = new AuthorizationOptions();
        Capabilities.Register(options);

        Assert.That(options.FallbackPolicy?.Requirements, Has.Some.InstanceOf<DenyAnonymousAuthorizationRequirement>());
    }

    [Test]
    public void The_page_checks_see_the_attributes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AllowsAnonymous(typeof(Fakes.Surface.OpenPageModel)), Is.True);
            Assert.That(IgnoresAntiforgery(typeof(Fakes.Surface.OpenPageModel)), Is.True);
            Assert.That(AllowsAnonymous(typeof(Fakes.Surface.IndexModel)), Is.False);
            Assert.That(IgnoresAntiforgery(typeof(Fakes.Surface.IndexModel)), Is.False);
        });
    }
}
