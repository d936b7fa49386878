using System.Data;
using System.Globalization;
using Dapper;

namespace Organising.Platform.Data;

/// <summary>
/// SQLite has no Guid, timestamp or boolean type: Guids are stored as canonical text, instants as
/// UTC ISO-8601 text with a fixed width (so text order is time order) and flags as 0 or 1. PostgreSQL
/// stores them the same way, so one SQL text and one copy of the data serve both engines.
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
        SqlMapper.RemoveTypeMap(typeof(bool));
        SqlMapper.RemoveTypeMap(typeof(bool?));
        SqlMapper.RemoveTypeMap(typeof(string));
        // Registered for the underlying type, Dapper uses them for the nullable type too; being
        // non-generic ITypeHandlers, they can answer null for a NULL column (a Guid? or DateTimeOffset? scalar).
        SqlMapper.AddTypeHandler(typeof(Guid), new GuidHandler());
        SqlMapper.AddTypeHandler(typeof(DateTimeOffset), new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(typeof(bool), new FlagHandler());
        SqlMapper.AddTypeHandler(typeof(string), new TextHandler());
    }

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

    /// <summary>A flag as the integer 0 or 1: PostgreSQL will not put a boolean into an INTEGER column.</summary>
    private sealed class FlagHandler : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.Int32;
            parameter.Value = value is bool b ? (b ? 1 : 0) : DBNull.Value;
        }

        public object? Parse(Type destinationType, object value) => value switch
        {
            null or DBNull => null,
            bool b => b,
            _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        };
    }

    /// <summary>
    /// Text without NUL characters, whatever a request, a pasted note or an uploaded file held: PostgreSQL refuses
    /// text with one (an error page where a validation message belongs), and no name, note or search has a use for it.
    /// Stripped on both engines, so they store the same text.
    /// </summary>
    private sealed class TextHandler : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is string text ? (text.Contains('\0') ? text.Replace("\0", "", StringComparison.Ordinal) : text) : DBNull.Value;
        }

        public object? Parse(Type destinationType, object value) => value switch
        {
            null or DBNull => null,
            string text => text,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }
}
