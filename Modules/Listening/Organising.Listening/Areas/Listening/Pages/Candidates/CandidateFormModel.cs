using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Organising.Listening.Areas.Listening.Pages.Candidates;

/// <summary>The create and edit pages share one form.</summary>
public abstract class CandidateFormModel(ISender sender) : PageModel
{
    protected ISender Sender { get; } = sender;

    [BindProperty] public SaveCandidate.Command Input { get; set; } = new();

    public GetCandidateForm.Form Form { get; protected set; } = null!;

    public abstract string SubmitLabel { get; }
    public abstract string CancelUrl { get; }

    protected async Task<bool> LoadFormAsync(Guid? campaignId, Guid? candidateId, IReadOnlyList<Guid> raised, CancellationToken ct)
    {
        if (await Sender.Send(new GetCandidateForm.Query(campaignId, candidateId, raised), ct) is not { } form) return false;
        Form = form;
        return true;
    }
}
