using Organising.Networks.People;
using Organising.Platform.Data;

namespace Organising.Networks.Tests;

public sealed class PersonSearchTextTests
{
    [Test]
    public void Search_text_is_lower_case_names_email_phone_digits_and_compact_postcode()
    {
        var text = PersonSearchText.Build(" Amina Hassan ", "Mina", "Amina@Example.org ", "+44 7700-900 123", "e14 5ab");

        Assert.That(text, Is.EqualTo("amina hassan|mina|amina@example.org|07700900123|e145ab"));
    }

    [TestCase("e14 5ab", "E14 5AB")]
    [TestCase("SW1A1AA", "SW1A 1AA")]
    [TestCase("  m1   1ae ", "M1 1AE")]
    public void Postcodes_are_normalised(string typed, string expected)
    {
        Assert.That(PersonSearchText.IsPostcode(typed), Is.True);
        Assert.That(PersonSearchText.FormatPostcode(typed), Is.EqualTo(expected));
    }

    [TestCase("E14")]
    [TestCase("12345")]
    [TestCase("not a postcode")]
    public void Non_postcodes_are_refused(string typed) => Assert.That(PersonSearchText.IsPostcode(typed), Is.False);

    [Test]
    public void A_search_with_digits_also_matches_without_spaces()
    {
        var parameters = new Dapper.DynamicParameters();
        var condition = PersonSearch.Condition("07700 900", parameters, SqlDialect.Sqlite);

        Assert.That(condition, Does.Contain("@searchMatch)").And.Contain("@searchMatchCompact"));
        Assert.That(parameters.Get<string>("searchMatchCompact"), Is.EqualTo("\"07700900\""));
        Assert.That(PersonSearch.Condition("amina", new Dapper.DynamicParameters(), SqlDialect.Sqlite), Does.Not.Contain("Compact"));
        Assert.That(PersonSearch.Condition("  ", new Dapper.DynamicParameters(), SqlDialect.Sqlite), Is.EqualTo("1 = 1"));
    }

    [Test]
    public void On_PostgreSQL_every_fragment_is_a_LIKE_that_its_trigram_index_serves()
    {
        var parameters = new Dapper.DynamicParameters();
        var condition = PersonSearch.Condition("07700 900", parameters, SqlDialect.Postgres);

        Assert.That(condition, Does.Contain("LIKE @searchLike ").And.Contain("LIKE @searchLikeCompact ").And.Not.Contain("MATCH"));
        Assert.That(parameters.Get<string>("searchLikeCompact"), Is.EqualTo("%07700900%"));
        Assert.That(PersonSearch.IndexedPhrase("amina", SqlDialect.Postgres), Is.Null, "no FTS5 index to count in");
        Assert.That(PersonSearch.IndexedPhrase("amina", SqlDialect.Sqlite), Is.EqualTo("\"amina\""));
    }
}
