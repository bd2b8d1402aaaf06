using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.ParIndex;

/// <summary>A framework's tree; its copy for next year and the mapping to last year's codes (editable until it is used).</summary>
internal sealed class FrameworkViewModel(FrameworkAdministration frameworks, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public Framework Framework { get; private set; } = null!;

    public IReadOnlyList<MappingRow> Mapping { get; private set; } = [];

    public bool CanManage => frameworks.CanManage;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostCopyAsync(CancellationToken ct) =>
        RunAsync(async () => $"/par/frameworks/{await frameworks.CopyForNextYearAsync(Id, ct)}", "Par.Copied", () => LoadAsync(ct));

    public Task<IActionResult> OnPostMapAsync(Dictionary<string, string?>? previous, CancellationToken ct) =>
        RunAsync(() => frameworks.MapAsync(Id, previous ?? [], ct), "Common.Saved", $"/par/frameworks/{Id}", () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        Framework = await frameworks.GetAsync(Id, ct);
        Mapping = await frameworks.MappingAsync(Framework, ct);
    }
}
