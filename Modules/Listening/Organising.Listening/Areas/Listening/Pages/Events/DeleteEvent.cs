using Dapper;
using Mediator;
using Organising.Listening.Events;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Listening.Areas.Listening.Pages.Events;

/// <summary>
/// Deletes an event and everything heard at it (its issues leave any candidate issue that cited them); its reminders
/// are cancelled and the ladder activities it counted for are withdrawn (<see cref="EventWithdrawal"/>). Managers of
/// the campaign, and whoever recorded it.
/// </summary>
public static class DeleteEvent
{
    public sealed record Command(Guid Id) : ICommand<Guid>, IAuditedCommand
    {
        public AuditEntry? DescribeForAudit(object? response) =>
            new("listening.event-deleted", "listening-event", Id.ToString(), "Listening event deleted with what was heard at it.");
    }

    private sealed class Access
    {
        public Guid CampaignId { get; init; }
        public Guid TeamId { get; init; }
        public Guid? RecordedBy { get; init; }
    }

    private const string AccessSql = """
        SELECT e.campaign_id AS CampaignId, c.team_id AS TeamId, e.recorded_by AS RecordedBy
        FROM listening_event e JOIN listening_campaign c ON c.id = e.campaign_id WHERE e.id = @id
        """;
    private const string DeleteSql = "DELETE FROM listening_event WHERE id = @id";

    /// <summary>Returns the campaign the event was in.</summary>
    internal sealed class Handler(DbSession session, ListeningScope scope, EventWithdrawal withdrawal) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var access = await connection.QuerySingleOrDefaultAsync<Access>(new CommandDefinition(AccessSql, new { id = command.Id }, session.Transaction, cancellationToken: ct));
            if (access is null || !await scope.SeesEventAsync(access.TeamId, access.RecordedBy, ct)) throw new ValidationFailedException("", RecordEvent.NoSuchEvent);
            await withdrawal.WithdrawAsync([command.Id], ct);
            await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { id = command.Id }, session.Transaction, cancellationToken: ct));
            return access.CampaignId;
        }
    }
}
