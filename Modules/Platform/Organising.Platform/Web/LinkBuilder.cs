using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Organising.Platform.Web;

/// <summary>Absolute links for e-mails: the configured public URL, else the URL this request came in on (forwarded headers applied).</summary>
public sealed class LinkBuilder(IOptions<OrganisingOptions> options, IHttpContextAccessor accessor)
{
    public string Absolute(string pathAndQuery)
    {
        var configured = options.Value.PublicUrl;
        if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/') + pathAndQuery;
        var request = accessor.HttpContext?.Request;
        return request is null ? pathAndQuery : $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";
    }
}
