using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Sipas;

/// <summary>What the questionnaire form shows: the questionnaire and the answers so far.</summary>
internal sealed record SurveyFormView(QuestionnaireDocument Questionnaire, SurveyAnswers Answers)
{
    public static SurveyAnswers Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>(), [], new Dictionary<string, string>());

    /// <summary>A saved response as the form's answers.</summary>
    public static SurveyAnswers Of(QuestionnaireDocument q, Response? r)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (r is null)
        {
            return Empty;
        }

        var items = q.Items.Select((item, i) => (item.Code, i < r.Answers.Length ? r.Answers[i] : '-')).Where(x => x.Item2 != '-').ToDictionary(x => x.Code, x => x.Item2.ToString());
        return new(items, Response.Lines(r.Profile), [.. r.Expectations.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture))], Response.Lines(r.Comments));
    }
}

/// <summary>A page whose form posts a questionnaire's answers (the public survey page, phone and paper entry).</summary>
internal abstract class AnswersPageModel(IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty]
    public Dictionary<string, string> Items { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string> Profile { get; set; } = [];

    [BindProperty]
    public List<int> Expectations { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string> Open { get; set; } = [];

    protected SurveyAnswers Answers => new(Items, Profile, Expectations, Open);
}

/// <summary>
/// The public survey page (no login, no JavaScript): the invitation's code opens the questionnaire; "Lưu" keeps the answers
/// for later on the same code, "Gửi phiếu" sends them once. A wrong, used or expired code gets a friendly page.
/// </summary>
[AllowAnonymous]
internal sealed class SurveyPageModel(SurveyCollection collection, SiparDbContext db, IStringLocalizer<SharedResource> t) : AnswersPageModel(t)
{
    [BindProperty]
    public string? Code { get; set; }

    public SurveySession? Session { get; private set; }

    public SurveyFormView? Form { get; private set; }

    public bool Saved { get; private set; }

    public bool Done { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Published { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "ma")] string? code, CancellationToken ct)
    {
        Code = Contact.NormaliseToken(code);
        await LoadAsync(null, ct);
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => PostAsync(submit: false, ct);

    public bool OptedOut { get; private set; }

    /// <summary>"Tôi không muốn tham gia": the code is withdrawn and the person is not asked again.</summary>
    public async Task<IActionResult> OnPostOptOutAsync(CancellationToken ct)
    {
        Code = Contact.NormaliseToken(Code);
        OptedOut = await collection.OptOutAsync(Code, ct);
        if (!OptedOut)
        {
            await LoadAsync(null, ct);
        }

        return Page();
    }

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => PostAsync(submit: true, ct);

    private async Task<IActionResult> PostAsync(bool submit, CancellationToken ct)
    {
        Code = Contact.NormaliseToken(Code);
        var answers = Answers;
        try
        {
            var (state, sent) = await collection.SaveAsync(Code, answers, submit, ct);
            Done = sent;
            Saved = !submit && state == TokenState.Open;
            if (Done)
            {
                return Page();
            }
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
            await LoadAsync(answers, ct);
            return Page();
        }

        await LoadAsync(null, ct);
        return Page();
    }

    private async Task LoadAsync(SurveyAnswers? posted, CancellationToken ct)
    {
        Session = await collection.OpenAsync(Code, ct);
        if (Session.State == TokenState.Open)
        {
            Form = new SurveyFormView(Session.Questionnaire!, posted ?? SurveyFormView.Of(Session.Questionnaire!, Session.Saved));
        }
        else if (Session.State == TokenState.Unknown)
        {
            Published = [.. (await db.Set<Wave>().AsNoTracking().Where(w => w.Status == WaveStatus.Published).OrderByDescending(w => w.PeriodTo).Take(20)
                .Select(w => new { w.Id, w.Name }).ToListAsync(ct)).Select(w => (w.Id, w.Name))];
        }
    }
}
