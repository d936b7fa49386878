using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Reminders;

namespace Organising.Networks.People;

/// <summary>
/// Platform's reminders are about people, whom this module owns: a merged person's reminders go to the survivor, and
/// an erased person's are cancelled and their text blanked, in the same transaction as the merge or erasure.
/// </summary>
public static class RemindersFollowPeople
{
    internal sealed class Handler(IReminders reminders) : INotificationHandler<PersonMerged>, INotificationHandler<PersonErased>
    {
        public async ValueTask Handle(PersonMerged merged, CancellationToken ct) =>
            await reminders.ReassignPersonAsync(merged.DuplicateId, merged.SurvivorId, ct);

        public async ValueTask Handle(PersonErased erased, CancellationToken ct) =>
            await reminders.ForgetPersonAsync(erased.PersonId, ct);
    }
}
