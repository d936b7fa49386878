using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Calendar;
using Organising.Platform.Modules;
using Organising.Platform.Reminders;

namespace Organising.Listening;

/// <summary>Identify issues: listening campaigns and events, what was heard, themes, the issue-cutting workbench and the people's agenda.</summary>
public static class ListeningModule
{
    public static readonly ReminderKind EventReminder = new("listening.event", "Listening events",
        "Before a listening event you are facilitating.")
    {
        DefaultLeadTimes = [TimeSpan.FromDays(1), TimeSpan.FromHours(2)],
    };

    public static readonly ModuleDefinition Definition = new("listening", "listening", typeof(ListeningModule).Assembly)
    {
        Menu =
        [
            new MenuEntry("Listening", "Listening campaigns", "/Listening", ListeningCapabilities.ViewListening, 300),
            new MenuEntry("Listening", "Themes", "/Listening/Themes", ListeningCapabilities.ManageThemes, 310),
            new MenuEntry("Listening", "People's agenda", "/Listening/Agenda", ListeningCapabilities.ViewListening, 320),
        ],
        ReminderKinds = [EventReminder],
        ScheduledJobs = [Events.CreditHeldEvents.Definition],
    };

    public static IServiceCollection AddListening(this IServiceCollection services)
    {
        services.AddSingleton(Definition);
        services.Configure<AuthorizationOptions>(ListeningCapabilities.Register);
        services.AddScoped<ListeningScope>();
        services.AddScoped<Events.EventWithdrawal>();
        services.AddScoped<Organising.Platform.PersonalData.IPersonalDataSource, People.ListeningPersonalData>();
        services.AddScoped<Issues.IssueLineage>();
        services.AddScoped<Issues.CandidateAccess>();
        services.AddScoped<Issues.AgendaNotifications>();
        services.AddScoped<Issues.ThemeNames>();
        services.AddScoped<Issues.PeoplesAgenda>();
        services.AddScoped<Events.EventFollowUps>();
        services.AddScoped<ICalendarSource, Events.ListeningCalendar>();
        services.AddScoped<Events.CreditHeldEvents.Job>();
        return services;
    }
}
