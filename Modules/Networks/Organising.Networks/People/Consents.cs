namespace Organising.Networks.People;

/// <summary>The current consent state is derived from the history: the latest record per purpose wins.</summary>
internal static class Consents
{
    /// <summary>Rows (person_id, purpose, state) of each person's latest record per purpose. Parameter: @personIds, from SqlText.IdList.</summary>
    public const string CurrentForPeopleSql = """
        SELECT c.person_id AS PersonId, c.purpose AS Purpose, c.state AS State
        FROM networks_consent c
        WHERE c.person_id IN (SELECT value FROM json_each(@personIds))
          AND NOT EXISTS (
            SELECT 1 FROM networks_consent later
            WHERE later.person_id = c.person_id AND later.purpose = c.purpose
              AND (later.occurred_on > c.occurred_on OR (later.occurred_on = c.occurred_on AND later.recorded_at > c.recorded_at)))
        """;

    public static readonly IReadOnlyList<string> Channels = ["paper", "verbal", "online"];
    public static readonly IReadOnlyList<string> States = ["given", "withdrawn"];

    public sealed class Current
    {
        public Guid PersonId { get; init; }
        public string Purpose { get; init; } = "";
        public string State { get; init; } = "";
    }
}
