using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Feedback;

/// <summary>Lĩnh vực phản ánh (data for the whole province): names, the working days to classify and to answer, conduct or not, in use or not.</summary>
[Authorize(Policy = Policies.Administer)]
internal sealed partial class FeedbackCategoriesPageModel(SiparDbContext db, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty]
    public Guid? Id { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? NameEn { get; set; }

    [BindProperty]
    public bool IsConduct { get; set; }

    [BindProperty]
    public int ClassifyDays { get; set; } = 2;

    [BindProperty]
    public int AnswerDays { get; set; } = 10;

    [BindProperty]
    public bool Active { get; set; }

    public IReadOnlyList<FeedbackCategory> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var category = await db.Set<FeedbackCategory>().FirstOrDefaultAsync(c => c.Id == Id, ct) ?? throw new NotFoundException();
        category.Change(Name, ClassifyDays, AnswerDays, Active);
        await db.SaveChangesAsync(ct);
    }, "Feedback.Saved", "/feedback/categories", () => LoadAsync(ct));

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var code = (Code ?? "").Trim().ToLowerInvariant();
        if (!CodePattern().IsMatch(code))
        {
            throw new DomainValidationException("Code", "Feedback.CategoryCode");
        }

        if (await db.Set<FeedbackCategory>().AnyAsync(c => c.Code == code, ct))
        {
            throw new DomainValidationException("Code", "Feedback.CategoryCodeTaken");
        }

        var order = await db.Set<FeedbackCategory>().MaxAsync(c => (int?)c.Order, ct) ?? 0;
        var category = new FeedbackCategory(Guid.CreateVersion7(), code, "", "", order + 1, IsConduct);
        category.Change(Name, ClassifyDays, AnswerDays, true, string.IsNullOrWhiteSpace(NameEn) ? Name : NameEn);
        db.Add(category);
        await db.SaveChangesAsync(ct);
    }, "Feedback.Saved", "/feedback/categories", () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct) =>
        Categories = await db.Set<FeedbackCategory>().AsNoTracking().OrderBy(c => c.Order).ToListAsync(ct);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9-]{1,38}$")]
    private static partial System.Text.RegularExpressions.Regex CodePattern();
}
