using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Feedback;

/// <summary>Phản ánh đã trả lời: the published answers (only what the approver made public), searchable without diacritics.</summary>
[AllowAnonymous]
internal sealed class AnswersPageModel(FeedbackLookup lookup, IAgencies agencies, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public Guid? Agency { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "trang")]
    public int Number { get; set; } = 1;

    public IReadOnlyList<PublishedAnswer> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public AgencyInfo? Chosen { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Number = Math.Clamp(Number, 1, 10_000);
        var q = Q is { Length: > 200 } ? Q[..200] : Q;
        (Rows, Total) = await lookup.PublishedAsync(Agency, q, Number, PageSize, ct);
        Chosen = Agency is { } a ? await agencies.FindAsync(a, ct) : null;
    }
}
