using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Sipar.Infrastructure.Web;

/// <summary>
/// The validation summary writes an empty <c>&lt;li style="display:none"&gt;</c> when there is nothing to say, an
/// inline style the Content-Security-Policy refuses; this writes <c>&lt;li hidden&gt;</c> instead (same look, no style).
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class CspValidationSummaryTagHelper : TagHelper
{
    /// <summary>After the framework's validation summary has written its list.</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.PostContent.IsModified)
        {
            var html = output.PostContent.GetContent();
            if (html.Contains("style=\"display:none\"", StringComparison.Ordinal))
            {
                output.PostContent.SetHtmlContent(html.Replace("<li style=\"display:none\"></li>", "<li hidden></li>", StringComparison.Ordinal));
            }
        }
    }
}
