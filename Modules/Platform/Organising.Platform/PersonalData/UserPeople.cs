using Dapper;
using Organising.Platform.Data;

namespace Organising.Platform.PersonalData;

/// <summary>
/// Which person (in the module that owns people) a user account is: the one current person whose e-mail address is
/// the account's. Reminders go to people and calendars hold people's events, so a user's own reminders, preferences
/// and calendar are those of that person. Null when no person, or more than one, has the address.
/// </summary>
public sealed class UserPeople(DbSession session, IEnumerable<IContactDirectory> directories)
{
    private const string EmailSql = "SELECT email FROM platform_user WHERE id = @userId";

    public async ValueTask<Guid?> PersonOfUserAsync(Guid userId, CancellationToken ct)
    {
        var directory = directories.FirstOrDefault();
        if (directory is null) return null;
        var connection = await session.ConnectionAsync(ct);
        var email = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(EmailSql, new { userId }, session.Transaction, cancellationToken: ct));
        return email is null ? null : await directory.FindPersonByEmailAsync(email, ct);
    }
}
