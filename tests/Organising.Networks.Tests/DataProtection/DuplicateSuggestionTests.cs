using Organising.Networks.Areas.Networks.Pages.Duplicates;
using Organising.Networks.Areas.Networks.Pages.People;
using static Organising.Networks.Tests.DataProtection.PersonRows;

namespace Organising.Networks.Tests.DataProtection;

/// <summary>Which pairs of records are suggested as one person, and which are not.</summary>
public sealed class DuplicateSuggestionTests
{
    private NetworksWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await NetworksWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private async Task<List<FindDuplicates.Pair>> PairsAsync(NetworksWorld.User? user = null, Guid? personId = null) =>
        (await _world.SendAsAsync(user ?? _world.Organiser, new FindDuplicates.Query(1, null, personId))).Pairs.Items.ToList();

    private static FindDuplicates.Pair? PairOf(IEnumerable<FindDuplicates.Pair> pairs, Guid a, Guid b) =>
        pairs.SingleOrDefault(p => (p.First.Id == a && p.Second.Id == b) || (p.First.Id == b && p.Second.Id == a));

    [Test]
    public async Task The_same_email_in_any_case_is_suggested_for_that_reason_only()
    {
        var u = Unique();
        var a = await InsertAsync(_world, $"Amina {u}", email: $"Amina.{u}@Example.org");
        var b = await InsertAsync(_world, $"Different {u}x", email: $" amina.{u}@example.org ");

        var pair = PairOf(await PairsAsync(), a, b);
        Assert.That(pair, Is.Not.Null);
        Assert.That(pair!.Reasons, Is.EqualTo(new[] { "Same e-mail" }));
    }

    [Test]
    public async Task The_same_phone_written_two_ways_is_suggested()
    {
        var digits = Random.Shared.Next(100000, 999999);
        var a = await InsertAsync(_world, $"Phone One {Unique()}", phone: $"+44 7700 {digits}");
        var b = await InsertAsync(_world, $"Phone Two {Unique()}", phone: $"07700{digits}");

        var pair = PairOf(await PairsAsync(), a, b);
        Assert.That(pair?.Reasons, Is.EqualTo(new[] { "Same phone" }));
    }

    [Test]
    public async Task A_similar_name_at_the_same_postcode_is_suggested()
    {
        var surname = "Surname" + Unique();
        var a = await InsertAsync(_world, $"Jonathan {surname}", postcode: "E1 6AN");
        var b = await InsertAsync(_world, $"  jon   {surname.ToUpperInvariant()} ", postcode: "e16an");
        var c = await InsertAsync(_world, $"J. A. {surname}", postcode: "E16AN");

        var pairs = await PairsAsync();
        Assert.That(PairOf(pairs, a, b)?.Reasons, Is.EqualTo(new[] { "Similar name and same postcode" }));
        Assert.That(PairOf(pairs, a, c), Is.Not.Null, "middle initials do not hide the surname");
        Assert.That(PairOf(pairs, b, c), Is.Not.Null);
    }

    [Test]
    public async Task Several_reasons_make_one_suggestion_listing_them_all()
    {
        var u = Unique();
        var a = await InsertAsync(_world, $"Grace {u}", email: $"grace{u}@example.org", phone: "07700 911111", postcode: "N1 9GU");
        var b = await InsertAsync(_world, $"G {u}", email: $"GRACE{u}@example.org", phone: "07700911111", postcode: "N19GU");

        var matching = (await PairsAsync()).Where(p => new[] { p.First.Id, p.Second.Id }.Order().SequenceEqual(new[] { a, b }.Order())).ToList();
        Assert.That(matching, Has.Count.EqualTo(1));
        Assert.That(matching[0].Reasons, Is.EquivalentTo(new[] { "Same e-mail", "Same phone", "Similar name and same postcode" }));
    }

    [Test]
    public async Task Different_people_are_not_suggested()
    {
        var surname = "Other" + Unique();
        await InsertAsync(_world, $"Maria {surname}", postcode: "SE1 7PB");
        await InsertAsync(_world, $"Maria {surname}", postcode: "SE1 7PC"); // same name, another postcode
        await InsertAsync(_world, $"Tomasz {surname}", postcode: "SE1 7PB"); // same surname and postcode, another initial
        await InsertAsync(_world, $"Maria Nowak{Unique()}", postcode: "SE1 7PB"); // same initial and postcode, another surname
        await InsertAsync(_world, $"Maria {surname}"); // no postcode to compare
        await InsertAsync(_world, $"Maria {surname}");

        var pairs = (await PairsAsync()).Where(p => p.First.FullName.Contains(surname) || p.Second.FullName.Contains(surname)).ToList();
        Assert.That(pairs, Is.Empty, string.Join("; ", pairs.Select(p => $"{p.First.FullName}/{p.Second.FullName}")));
    }

    [Test]
    public async Task Erased_and_merged_records_are_not_suggested()
    {
        var u = Unique();
        var current = await InsertAsync(_world, $"Current {u}", email: $"kept{u}@example.org");
        await InsertAsync(_world, $"Erased {u}", email: $"kept{u}@example.org", erasedAt: "2025-02-01T00:00:00.0000000Z");
        await InsertAsync(_world, $"Merged {u}", email: $"kept{u}@example.org", mergedInto: current);

        Assert.That((await PairsAsync()).Where(p => p.First.Id == current || p.Second.Id == current), Is.Empty);
    }

    [Test]
    public async Task One_persons_suggestions_are_only_the_pairs_that_include_them()
    {
        var u = Unique();
        var a = await InsertAsync(_world, $"Ravi {u}", email: $"ravi{u}@example.org");
        var b = await InsertAsync(_world, $"Ravi S {u}", email: $"ravi{u}@example.org");
        var c = await InsertAsync(_world, $"Someone {u}", phone: "07700 922222");
        await InsertAsync(_world, $"Someone else {u}", phone: "07700922222");

        var forA = await PairsAsync(personId: a);
        Assert.That(forA, Has.Count.EqualTo(1));
        Assert.That(PairOf(forA, a, b), Is.Not.Null);
        Assert.That(forA.Any(p => p.First.Id == c || p.Second.Id == c), Is.False);
    }

    [Test]
    public async Task One_persons_suggestions_find_every_reason_and_agree_with_the_full_list()
    {
        var u = Unique();
        var digits = Random.Shared.Next(100000, 999999);
        var me = await InsertAsync(_world, $"Yusuf Ali{u}", email: $"yusuf{u}@example.org", phone: $"07700 {digits}", postcode: "E2 8DY");
        var byEmail = await InsertAsync(_world, $"Someone {u}", email: $"YUSUF{u}@example.org");
        var byPhone = await InsertAsync(_world, $"Another {u}", phone: $"07700{digits}");
        var byName = await InsertAsync(_world, $"Y. ALI{u}", postcode: "e2 8dy");
        var byAll = await InsertAsync(_world, $"yusuf ali{u}", email: $"yusuf{u}@example.org", phone: $"+447700{digits}", postcode: "E28DY");

        var mine = await PairsAsync(personId: me);
        Assert.That(PairOf(mine, me, byEmail)?.Reasons, Is.EqualTo(new[] { "Same e-mail" }));
        Assert.That(PairOf(mine, me, byPhone)?.Reasons, Is.EqualTo(new[] { "Same phone" }));
        Assert.That(PairOf(mine, me, byName)?.Reasons, Is.EqualTo(new[] { "Similar name and same postcode" }));
        Assert.That(PairOf(mine, me, byAll)?.Reasons, Is.EqualTo(new[] { "Same e-mail", "Same phone", "Similar name and same postcode" }));
        Assert.That(mine, Has.Count.EqualTo(4));

        var everyone = (await PairsAsync()).Where(p => p.First.Id == me || p.Second.Id == me).ToList();
        Assert.That(mine.Select(p => (p.First.Id, p.Second.Id, string.Join(",", p.Reasons))),
            Is.EqualTo(everyone.Select(p => (p.First.Id, p.Second.Id, string.Join(",", p.Reasons)))));
    }

    [Test]
    public async Task Pages_of_suggestions_do_not_overlap_and_count_every_pair()
    {
        var u = Unique();
        for (var i = 0; i < 3; i++)
        {
            await InsertAsync(_world, $"Paged {u} {i}", email: $"paged{u}{i}@example.org");
            await InsertAsync(_world, $"Paged {u} {i} again", email: $"paged{u}{i}@example.org");
        }
        var all = await PairsAsync();
        var first = (await _world.SendAsAsync(_world.Organiser, new FindDuplicates.Query(1, 2))).Pairs;
        var second = (await _world.SendAsAsync(_world.Organiser, new FindDuplicates.Query(2, 2))).Pairs;
        Assert.That(first.Total, Is.EqualTo(all.Count));
        Assert.That(first.Items.Select(p => (p.First.Id, p.Second.Id)), Is.EqualTo(all.Take(2).Select(p => (p.First.Id, p.Second.Id))));
        Assert.That(second.Items.Select(p => (p.First.Id, p.Second.Id)), Is.EqualTo(all.Skip(2).Take(2).Select(p => (p.First.Id, p.Second.Id))));
    }

    [Test]
    public async Task Only_those_who_see_everyone_get_suggestions()
    {
        var u = Unique();
        await InsertAsync(_world, $"Vol {u}", email: $"vol{u}@example.org", createdBy: _world.Volunteer.Id);
        await InsertAsync(_world, $"Vol {u} 2", email: $"vol{u}@example.org", createdBy: _world.Volunteer.Id);
        Assert.That(await PairsAsync(_world.Volunteer), Is.Empty);
        Assert.That(await PairsAsync(_world.Observer), Is.Empty);
        Assert.That(await PairsAsync(_world.Organiser), Is.Not.Empty);
    }

    [Test]
    public async Task A_record_saved_through_the_form_is_matched_on_its_normalised_phone()
    {
        var digits = Random.Shared.Next(100000, 999999);
        var saved = await _world.SendAsAsync(_world.Organiser, new SavePerson.Command { FullName = $"Formed {Unique()}", Phone = $"(07700) {digits}" });
        var inserted = await InsertAsync(_world, $"Inserted {Unique()}", phone: $"+447700{digits}");
        Assert.That(PairOf(await PairsAsync(), saved, inserted)?.SamePhone, Is.True);
    }
}
