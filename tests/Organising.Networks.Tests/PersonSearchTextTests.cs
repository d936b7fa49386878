using Organising.Networks.People;

namespace Organising.Networks.Tests;

public sealed class PersonSearchTextTests
{
    [Test]
    public void Search_text_is_lower_case_names_email_phone_digits_and_compact_postcode()
    {
        var text = PersonSearchText.For(" Amina Hassan ", "Mina", "Amina@Example.org ", "+44 (0)7700-900 123", "e14 5ab");

        Assert.That(text, Is.EqualTo("amina hassan\nmina\namina@example.org\n4407700900123\ne145ab"));
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
        Assert.That(PersonSearchText.Patterns("07700 900"), Is.EqualTo(("%07700 900%", "%07700900%")));
        Assert.That(PersonSearchText.Patterns("amina"), Is.EqualTo(("%amina%", (string?)null)));
        Assert.That(PersonSearchText.Patterns("  "), Is.EqualTo(((string?)null, (string?)null)));
        Assert.That(PersonSearchText.Patterns("50%_"), Is.EqualTo(("%50\\%\\_%", (string?)null)));
    }
}
