using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Organising.Platform.Identity;

/// <summary>Who is acting: the signed-in user of the request, or nobody (system work, anonymous pages).</summary>
public interface ICurrentUser
{
    Guid? Id { get; }
    string? Name { get; }
    string? Role { get; }
    bool IsInRole(string role);
}

public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public Guid? Id => Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
    public string? Name => Principal?.FindFirstValue(AppClaimTypes.DisplayName) ?? Principal?.Identity?.Name;
    public string? Role => Principal?.FindFirstValue(ClaimTypes.Role);
    public bool IsInRole(string role) => Principal?.IsInRole(role) ?? false;
}

public static class AppClaimTypes
{
    public const string DisplayName = "organising:display_name";
}
