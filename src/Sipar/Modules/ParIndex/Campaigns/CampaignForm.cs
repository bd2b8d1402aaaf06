using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.ParIndex;

/// <summary>What the campaign forms post: year, name, the three deadlines (empty dates are refused beside their field) and the classes.</summary>
internal sealed class CampaignForm
{
    public int Year { get; set; }

    public string? Name { get; set; }

    public DateOnly? SelfAssessmentDue { get; set; }

    public DateOnly? AppraisalDue { get; set; }

    public DateOnly? ExplanationDue { get; set; }

    /// <summary>Classes ("90=A;80=B;70=C"); set on the campaign's page.</summary>
    public string? Bands { get; set; }

    public bool SurveyHeld { get; set; } = true;

    /// <summary>"Nơi nhận" of the self-assessment reports, one a line; empty: the defaults.</summary>
    public string? Recipients { get; set; }

    /// <summary>The participating agencies (when creating a campaign).</summary>
    public List<Guid> AgencyIds { get; set; } = [];

    public static CampaignForm Of(ParCampaign c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new() { Year = c.Year, Name = c.Name, SelfAssessmentDue = c.SelfAssessmentDue, AppraisalDue = c.AppraisalDue, ExplanationDue = c.ExplanationDue, Bands = c.Bands, SurveyHeld = c.SurveyHeld, Recipients = c.Recipients };
    }

    /// <summary>The three deadlines, or every missing one named beside its field.</summary>
    public (DateOnly Self, DateOnly Appraisal, DateOnly Explanation) Deadlines()
    {
        var errors = new ValidationErrors();
        foreach (var (field, value, label) in new[]
        {
            (nameof(SelfAssessmentDue), SelfAssessmentDue, "Par.SelfAssessmentDue"),
            (nameof(AppraisalDue), AppraisalDue, "Par.AppraisalDue"),
            (nameof(ExplanationDue), ExplanationDue, "Par.ExplanationDue"),
        })
        {
            if (value is null)
            {
                errors.Add(field, "Error.Required", new LabelArg(label));
            }
        }

        errors.ThrowIfAny();
        return (SelfAssessmentDue!.Value, AppraisalDue!.Value, ExplanationDue!.Value);
    }
}
