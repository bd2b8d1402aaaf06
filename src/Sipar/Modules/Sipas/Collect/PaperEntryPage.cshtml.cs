using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Sipas;

/// <summary>Keying paper questionnaires: each form twice by two staff; a mismatch is shown by item and settled by a third keying.</summary>
internal sealed class PaperEntryPageModel(PaperForms paper, WaveAccess access, SiparDbContext db, CurrentUser me, IStringLocalizer<SharedResource> t) : AnswersPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? FormNumber { get; set; }

    public string WaveName { get; private set; } = "";

    public SurveyFormView? Form { get; private set; }

    public PaperOutcome? Outcome { get; private set; }

    public IReadOnlyList<PaperForm> Forms { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await access.EnsureContactsAsync(Id, ct);
        var answers = Answers;
        try
        {
            Outcome = await paper.KeyAsync(Id, FormNumber, answers, me.Id, ct);
            ModelState.Clear();
            FormNumber = null;
            await LoadAsync(null, ct);
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
            await LoadAsync(answers, ct);
        }

        return Page();
    }

    private async Task LoadAsync(SurveyAnswers? answers, CancellationToken ct)
    {
        var wave = await access.EnsureContactsAsync(Id, ct);
        WaveName = wave.Name;
        var doc = (await db.Set<Questionnaire>().AsNoTracking().FirstAsync(q => q.Id == wave.QuestionnaireId, ct)).Document;
        Form = new SurveyFormView(doc, answers ?? SurveyFormView.Empty);
        Forms = await paper.ListAsync(Id, [.. doc.Items.Select(i => i.Code)], ct);
    }
}
