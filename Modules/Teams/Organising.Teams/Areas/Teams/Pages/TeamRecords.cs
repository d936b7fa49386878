using Dapper;
using Organising.Platform.Data;

namespace Organising.Teams.Areas.Teams.Pages;

/// <summary>Small checks the team's commands share.</summary>
internal static class TeamRecords
{
    public const string NoSuchTeam = "That team no longer exists, or you may not change it.";

    private const string ExistsSql = "SELECT COUNT(*) FROM teams_team WHERE id = @teamId";

    public static async ValueTask<bool> ExistsAsync(DbSession session, Guid teamId, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(ExistsSql, new { teamId }, session.Transaction, cancellationToken: ct)) > 0;
    }
}
