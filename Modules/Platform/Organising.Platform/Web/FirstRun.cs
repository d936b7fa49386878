using Dapper;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Organising.Platform.Data;

namespace Organising.Platform.Web;

/// <summary>Whether the install has its first user yet. Once it has, that never changes, so the answer is then kept.</summary>
public sealed class SetupState(IDbConnectionFactory factory)
{
    private volatile bool _hasUsers;

    public async ValueTask<bool> HasUsersAsync(CancellationToken ct = default)
    {
        if (_hasUsers) return true;
        await using var connection = await factory.OpenAsync(ct);
        _hasUsers = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM platform_user)", cancellationToken: ct));
        return _hasUsers;
    }

    public void MarkHasUsers() => _hasUsers = true;
}

/// <summary>Until the first Administrator exists, every page leads to /setup.</summary>
public sealed class FirstRunMiddleware(RequestDelegate next, SetupState state)
{
    public const string SetupPath = "/setup";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(SetupPath, StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
            // A status or error page re-executed for a request that was already let through (or sent to /setup).
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<IExceptionHandlerFeature>() is not null
            || await state.HasUsersAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }
        context.Response.Redirect(SetupPath);
    }
}
