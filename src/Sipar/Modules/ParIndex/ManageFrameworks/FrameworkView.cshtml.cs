using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Sipar.Modules.ParIndex;

internal sealed class FrameworkViewModel(FrameworkAdministration frameworks) : PageModel
{
    public Framework Framework { get; private set; } = null!;

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Framework = await frameworks.GetAsync(id, ct);
}
