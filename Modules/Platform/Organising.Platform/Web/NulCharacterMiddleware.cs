using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Organising.Platform.Web;

/// <summary>
/// Takes NUL characters out of the address's query before anything reads it. No search or filter has a use for
/// one, and PostgreSQL refuses text that holds one: without this, a pasted NUL would end in an error page instead
/// of an ordinary search. (A form holding NUL is already refused by ASP.NET Core with the plain 400 page.)
/// </summary>
public sealed class NulCharacterMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.QueryString.HasValue && request.QueryString.Value!.Contains("%00", StringComparison.Ordinal))
        {
            request.Query = new QueryCollection(request.Query.ToDictionary(
                field => field.Key,
                field => new StringValues(field.Value.Select(v => v?.Replace("\0", "", StringComparison.Ordinal)).ToArray())));
        }
        return next(context);
    }
}
