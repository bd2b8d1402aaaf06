using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Sipar.Infrastructure.Web;

/// <summary>
/// Dates on pages are written and read as dd/MM/yyyy (dates with a time: dd/MM/yyyy HH:mm) whatever the browser's
/// language: a native date input would show mm/dd/yyyy in an English browser. The formats read, for what people type
/// and, in ISO, for links and older forms.
/// </summary>
internal static class VietnameseDates
{
    private static readonly string[] DateFormats = ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-M-d"];

    private static readonly string[] DateTimeFormats = ["d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d-M-yyyy H:mm", "yyyy-M-d'T'H:mm", "yyyy-M-d'T'H:mm:ss", "yyyy-M-d H:mm"];

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static DateTime? ParseDateTime(string? text) =>
        DateTime.TryParseExact(text?.Trim(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

/// <summary>
/// A native date (or date-and-time) input becomes a text field with the Vietnamese format as its hint, its value
/// rewritten from ISO; <see cref="VietnameseDateBinder"/> reads what was typed.
/// </summary>
public abstract class VietnameseDateInputTagHelper(string placeholder, string pattern, int maxLength, Func<string?, string?> reformat) : TagHelper
{
    /// <summary>After the framework's input tag helper has written the value.</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.SetAttribute("autocomplete", "off");
        output.Attributes.SetAttribute("placeholder", placeholder);
        output.Attributes.SetAttribute("pattern", pattern);
        output.Attributes.SetAttribute("maxlength", maxLength.ToString(CultureInfo.InvariantCulture));
        if (output.Attributes.TryGetAttribute("value", out var value) && reformat(value.Value?.ToString()) is { } shown)
        {
            output.Attributes.SetAttribute("value", shown);
        }
    }
}

[HtmlTargetElement("input", Attributes = "[type=date]")]
public sealed class DateInputTagHelper() : VietnameseDateInputTagHelper(
    "dd/mm/yyyy", @"\d{1,2}/\d{1,2}/\d{4}", 10, v => VietnameseDates.ParseDate(v)?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        base.Process(context, output);
        output.Attributes.SetAttribute("inputmode", "numeric");
    }
}

[HtmlTargetElement("input", Attributes = "[type=datetime-local]")]
public sealed class DateTimeInputTagHelper() : VietnameseDateInputTagHelper(
    "dd/mm/yyyy hh:mm", @"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}", 16, v => VietnameseDates.ParseDateTime(v)?.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture));

/// <summary>
/// Binds a <see cref="DateOnly"/> or <see cref="DateTime"/> from what was typed: empty is none (for a nullable), what does
/// not parse is said beside its field in the request's language (<paramref name="errorKey"/>, with what was typed).
/// </summary>
internal sealed class VietnameseDateBinder(Func<string, object?> parse, string errorKey, IStringLocalizer localizer) : IModelBinder
{
    private static readonly object Refused = new();

    /// <summary>Whether a date of this request did not parse (changes are then not run: they would store it as empty).</summary>
    public static bool AnyRefused(HttpContext context) => context?.Items.ContainsKey(Refused) == true;

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var found = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (found == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, found);
        var text = found.FirstValue;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
        }
        else if (parse(text) is { } value)
        {
            bindingContext.Result = ModelBindingResult.Success(value);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, localizer[errorKey, text.Length > 20 ? text[..20] : text]);
            bindingContext.HttpContext.Items[Refused] = true;
        }

        return Task.CompletedTask;
    }
}

internal sealed class DateBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.UnderlyingOrModelType;
        var t = context.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        return type == typeof(DateOnly) ? new VietnameseDateBinder(s => VietnameseDates.ParseDate(s), "Error.DateFormat", t)
            : type == typeof(DateTime) ? new VietnameseDateBinder(s => VietnameseDates.ParseDateTime(s), "Error.DateTimeFormat", t)
            : null;
    }
}
