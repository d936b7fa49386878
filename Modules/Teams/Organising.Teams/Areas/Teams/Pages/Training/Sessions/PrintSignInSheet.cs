using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Teams.Training;

using Organising.Platform.Settings;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

/// <summary>The sign-in sheet PDF of a session, for those who manage it: the enrolled by name, then blank rows.</summary>
public static class PrintSignInSheet
{
    /// <summary>Null when the session does not exist or the user does not manage it.</summary>
    public sealed record Query(Guid SessionId) : IQuery<Result?>;

    public sealed record Result(byte[] Pdf, string FileName, int PageCount);

    private const string EnrolledSql = "SELECT person_id FROM teams_enrolment WHERE session_id = @sessionId AND status = 'enrolled'";

    internal sealed class Handler(DbSession session, TeamScope scope, OrganisationTime time, ISender sender) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            var row = await SessionAccess.LoadAsync(session, query.SessionId, ct);
            if (row is null || !await SessionAccess.ManagesAsync(scope, row.TeamId, ct)) return null;
            var connection = await session.ConnectionAsync(ct);
            var ids = (await connection.QueryAsync<Guid>(new CommandDefinition(EnrolledSql, new { sessionId = row.Id }, session.Transaction, cancellationToken: ct))).ToList();
            var names = ids.Count == 0 ? [] : (await sender.Send(new GetPeopleByIds(ids), ct)).Select(p => p.DisplayName)
                .Order(StringComparer.CurrentCultureIgnoreCase).ToList();
            var start = await time.ToLocalAsync(row.StartsAt);
            var header = new SessionHeader(row.ModuleName, start, await time.ToLocalAsync(row.EndsAt), row.Place, row.OnlineLink, row.Trainer, row.TeamName);
            var (bytes, pages) = SignInSheet.Build(header, names);
            var stem = new string(row.ModuleName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
            return new Result(bytes, $"sign-in-{stem}-{start:yyyy-MM-dd}.pdf", pages);
        }
    }
}
