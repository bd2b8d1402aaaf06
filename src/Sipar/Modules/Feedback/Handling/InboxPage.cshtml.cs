using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Feedback;

/// <summary>Sổ phản ánh: the agency's feedback the person may see (the office and leaders: all; a unit: what it was given, never conduct complaints).</summary>
internal sealed class FeedbackInboxPageModel(FeedbackDesk desk, CurrentUser me, Capabilities can, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public FeedbackStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Due { get; set; }

    public IReadOnlyList<FeedbackRow> Rows { get; private set; } = [];

    public Infrastructure.Web.Pager? Pager { get; private set; }

    public bool CanHandle { get; private set; }

    public bool CanReadFigures { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.AgencyId is not { } agency || !desk.MaySeeList(agency))
        {
            return Forbid();
        }

        CanHandle = can.Has(Capability.HandleFeedback, agency);
        CanReadFigures = can.Has(Capability.ReadAgency, agency);
        var pager = Infrastructure.Web.Pager.From(Request);
        (Rows, Pager) = pager.Cut(await desk.ListAsync(agency, Filter, ct, pager.Size + 1, pager.Skip));
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (me.AgencyId is not { } agency || !desk.MaySeeList(agency))
        {
            return Forbid();
        }

        return File(await desk.WorkbookAsync(agency, Filter, ct), Dossiers.DossiersModule.Xlsx, "phan-anh-kien-nghi.xlsx");
    }

    private FeedbackFilter Filter => new(Status, Q is { Length: > 200 } ? Q[..200] : Q, Due);

    public string QueryString(string? handler) =>
        "?" + (handler is null ? "" : "handler=" + handler + "&") + (Status is { } s ? "Status=" + s + "&" : "") + "Q=" + Uri.EscapeDataString(Q ?? "") + "&Due=" + Uri.EscapeDataString(Due ?? "");
}
