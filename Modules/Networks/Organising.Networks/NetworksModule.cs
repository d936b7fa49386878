using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Modules;
using Organising.Platform.PersonalData;

namespace Organising.Networks;

/// <summary>Who we organise with: networks, member institutions, people and their consent.</summary>
public static class NetworksModule
{
    public static readonly ModuleDefinition Definition = new("networks", "networks", typeof(NetworksModule).Assembly)
    {
        Menu =
        [
            new MenuEntry("Networks", "Networks", "/Networks", NetworksCapabilities.ViewReach, 100),
            new MenuEntry("Networks", "People", "/Networks/People", NetworksCapabilities.ViewPeople, 110),
            new MenuEntry("Networks", "Institutions", "/Networks/Institutions", NetworksCapabilities.ViewInstitutions, 120),
            new MenuEntry("Networks", "Import", "/Networks/Import", NetworksCapabilities.Import, 130),
        ],
    };

    public static IServiceCollection AddNetworks(this IServiceCollection services)
    {
        services.AddSingleton(Definition);
        services.Configure<AuthorizationOptions>(NetworksCapabilities.Register);
        services.AddScoped<PeopleScope>();
        services.AddScoped<IContactDirectory, ContactDirectory>();
        services.AddScoped<IPersonalDataSource, NetworksPersonalData>();
        return services;
    }
}
