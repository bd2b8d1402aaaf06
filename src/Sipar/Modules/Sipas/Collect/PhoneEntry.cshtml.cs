using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Sipas;

/// <summary>A phone interview keyed in by the wave's survey staff: the same questionnaire form, the channel recorded as phone.</summary>
internal sealed class PhoneEntryModel(SurveyCollection collection, WaveAccess access, SiparDbContext db, CurrentUser me, IStringLocalizer<SharedResource> t) : AnswersPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid ContactId { get; set; }

    public SurveyFormView? Form { get; private set; }

    public string WaveName { get; private set; } = "";

    public string ContactName { get; private set; } = "";

    public string? ContactPhone { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(null, ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(null, ct))
        {
            return Forbid();
        }

        var answers = Answers;
        return await RunAsync(() => collection.EnterByPhoneAsync(Id, ContactId, answers, me.Id, ct), "Sipas.ResponseSaved", "/sipas/waves/" + Id, () => LoadAsync(answers, ct));
    }

    private async Task<bool> LoadAsync(SurveyAnswers? answers, CancellationToken ct)
    {
        Wave wave;
        try
        {
            wave = await access.EnsureContactsAsync(Id, ct);
        }
        catch (ForbiddenException)
        {
            return false;
        }

        var contact = await db.Set<Contact>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == ContactId && c.WaveId == Id, ct) ?? throw new NotFoundException();
        var doc = (await db.Set<Questionnaire>().AsNoTracking().FirstAsync(q => q.Id == wave.QuestionnaireId, ct)).Document;
        WaveName = wave.Name;
        ContactName = contact.Name;
        ContactPhone = contact.Phone;
        Form = new SurveyFormView(doc, answers ?? SurveyFormView.Empty);
        return true;
    }
}
