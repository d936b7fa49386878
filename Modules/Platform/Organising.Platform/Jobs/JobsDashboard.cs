using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Identity;

namespace Organising.Platform.Jobs;

/// <summary>
/// Hangfire's dashboard at /hangfire, for Administrators. Access is the app's own authorisation (the sign-in cookie
/// and the role), not Hangfire's default filter, which admits only requests from the machine itself and so would
/// shut out everyone behind a proxy (and admit anyone whose request the proxy makes look local).
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/hangfire";

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        var options = new DashboardOptions
        {
            Authorization = [],
            AppPath = "/",
            DashboardTitle = "Background jobs",
            DisplayStorageConnectionString = false,
        };
        endpoints.MapHangfireDashboard(Path, options, endpoints.ServiceProvider.GetRequiredService<JobStorage>())
            .RequireAuthorization(Capabilities.ViewJobs);
        return endpoints;
    }
}
