using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Organising.Platform.Data;

namespace Organising.Platform.Identity;

/// <summary>A disabled account cannot sign in, whatever its password.</summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => !user.IsDisabled && await base.CanSignInAsync(user);
}

/// <summary>Puts the role and display name into the cookie.</summary>
public sealed class AppClaimsPrincipalFactory(UserManager<AppUser> userManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        identity.AddClaim(new Claim(AppClaimTypes.DisplayName, user.DisplayName));
        return identity;
    }
}

/// <summary>
/// Checks the cookie against the account on every request (one indexed read), so that disabling an
/// account or resetting its password signs it out at once, and a role change applies at once.
/// </summary>
public static class UserSessionValidator
{
    private sealed class Row
    {
        public string SecurityStamp { get; init; } = "";
        public string Role { get; init; } = "";
        public bool IsDisabled { get; init; }
        public string DisplayName { get; init; } = "";
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (!Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            await RejectAsync(context);
            return;
        }

        var services = context.HttpContext.RequestServices;
        var session = services.GetRequiredService<DbSession>();
        var connection = await session.ConnectionAsync(context.HttpContext.RequestAborted);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            "SELECT security_stamp, role, is_disabled, display_name FROM platform_user WHERE id = @userId",
            new { userId }, session.Transaction);

        var stampType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (row is null || row.IsDisabled || row.SecurityStamp != principal!.FindFirstValue(stampType))
        {
            await RejectAsync(context);
            return;
        }

        if (row.Role != principal.FindFirstValue(ClaimTypes.Role) || row.DisplayName != principal.FindFirstValue(AppClaimTypes.DisplayName))
        {
            var userManager = services.GetRequiredService<UserManager<AppUser>>();
            var user = await userManager.FindByIdAsync(userId.ToString());
            if (user is null) { await RejectAsync(context); return; }
            var factory = services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
            context.ReplacePrincipal(await factory.CreateAsync(user));
            context.ShouldRenew = true;
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
