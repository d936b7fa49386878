using System.Data;
using System.Globalization;
using Dapper;

namespace Organising.Platform.Data;

/// <summary>
/// SQLite has no Guid or timestamp type: Guids are stored as canonical text and instants as
/// UTC ISO-8601 text with a fixed width, so text order is time order.
/// </summary>
public static class DapperTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        SqlMapper.RemoveTypeMap(typeof(Guid));
        SqlMapper.RemoveTypeMap(typeof(Guid?));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        // Registered for the underlying type, Dapper uses them for the nullable type too; being
        // non-generic ITypeHandlers, they can answer null for a NULL column (a Guid? or DateTimeOffset? scalar).
        SqlMapper.AddTypeHandler(typeof(Guid), new GuidHandler());
        SqlMapper.AddTypeHandler(typeof(DateTimeOffset), new DateTimeOffsetHandler());
    }

    /// <summary>
    /// Ids for an <c>IN @ids</c> list. Dapper expands lists without the Guid type handler (and the
    /// provider would bind a Guid as a blob), so lists of ids are passed as their stored text.
    /// </summary>
    public static string[] IdList(IEnumerable<Guid> ids) => ids.Select(id => id.ToString("D")).Distinct().ToArray();

    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToDbText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    private sealed class GuidHandler : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is Guid g ? g.ToString("D") : DBNull.Value;
        }

        public object? Parse(Type destinationType, object value) => value switch
        {
            null or DBNull => null,
            Guid g => g,
            string s => Guid.Parse(s),
            byte[] b => new Guid(b),
            _ => throw new DataException($"Cannot read a Guid from {value.GetType().Name}."),
        };
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is DateTimeOffset d ? ToDbText(d) : DBNull.Value;
        }

        public object? Parse(Type destinationType, object value) => value switch
        {
            null or DBNull => null,
            DateTimeOffset d => d.ToUniversalTime(),
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read a DateTimeOffset from {value.GetType().Name}."),
        };
    }
}
