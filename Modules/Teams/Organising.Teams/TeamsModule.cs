using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Calendar;
using Organising.Platform.Modules;
using Organising.Platform.PersonalData;
using Organising.Platform.Reminders;
using Organising.Teams.Training;

namespace Organising.Teams;

/// <summary>Build and train teams: teams and members, the recruitment pipeline, one-to-ones, training and leadership ladders.</summary>
public static class TeamsModule
{
    public static readonly ReminderKind TrainingReminder = new("teams.training", "Training sessions",
        "Before a training session you are enrolled on.")
    {
        DefaultLeadTimes = [TimeSpan.FromDays(2), TimeSpan.FromHours(2)],
    };

    public static readonly ReminderKind FollowUpReminder = new("teams.follow-up", "One-to-one follow-ups",
        "On the follow-up date you set after a one-to-one.");

    public static readonly ModuleDefinition Definition = new("teams", "teams", typeof(TeamsModule).Assembly)
    {
        Menu =
        [
            new MenuEntry("Teams", "Teams", "/Teams", TeamsCapabilities.ViewTeams, 200),
            new MenuEntry("Teams", "One-to-ones", "/Teams/OneToOnes", TeamsCapabilities.RecordOneToOnes, 210),
            new MenuEntry("Teams", "Training", "/Teams/Training", TeamsCapabilities.ViewTraining, 220),
            new MenuEntry("Teams", "Leadership ladders", "/Teams/Ladders", TeamsCapabilities.ViewLadders, 230),
        ],
        ReminderKinds = [TrainingReminder, FollowUpReminder],
    };

    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddSingleton(Definition);
        services.Configure<AuthorizationOptions>(TeamsCapabilities.Register);
        services.AddScoped<TeamScope>();
        services.AddScoped<Ladders.LadderStandings>();
        services.AddScoped<IPersonalDataSource, People.TeamsPersonalData>();
        services.AddScoped<SessionReminders>();
        services.AddScoped<Enrolments>();
        services.AddScoped<ICalendarSource, TrainingCalendar>();
        return services;
    }
}
