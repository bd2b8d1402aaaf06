using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Sipar.Infrastructure.Web;

/// <summary>
/// Dates on pages are written and read as dd/MM/yyyy whatever the browser's language: a native date input would show
/// mm/dd/yyyy in an English browser. Every <c>&lt;input type="date"&gt;</c> becomes a text field with the Vietnamese
/// format as its hint (its value rewritten from ISO), and <see cref="DateOnlyBinder"/> reads what was typed.
/// </summary>
[HtmlTargetElement("input", Attributes = "[type=date]")]
public sealed class DateInputTagHelper : TagHelper
{
    /// <summary>After the framework's input tag helper has written the value.</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.SetAttribute("inputmode", "numeric");
        output.Attributes.SetAttribute("autocomplete", "off");
        output.Attributes.SetAttribute("placeholder", "dd/mm/yyyy");
        output.Attributes.SetAttribute("pattern", @"\d{1,2}/\d{1,2}/\d{4}");
        output.Attributes.SetAttribute("maxlength", "10");
        output.Attributes.SetAttribute("data-date", "true");
        if (output.Attributes.TryGetAttribute("value", out var value) && DateOnlyBinder.Parse(value.Value?.ToString()) is { } date)
        {
            output.Attributes.SetAttribute("value", date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>The same for <c>&lt;input type="datetime-local"&gt;</c>: a text field for dd/MM/yyyy HH:mm, read by <see cref="DateTimeBinder"/>.</summary>
[HtmlTargetElement("input", Attributes = "[type=datetime-local]")]
public sealed class DateTimeInputTagHelper : TagHelper
{
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.SetAttribute("type", "text");
        output.Attributes.SetAttribute("autocomplete", "off");
        output.Attributes.SetAttribute("placeholder", "dd/mm/yyyy hh:mm");
        output.Attributes.SetAttribute("pattern", @"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}");
        output.Attributes.SetAttribute("maxlength", "16");
        if (output.Attributes.TryGetAttribute("value", out var value) && DateTimeBinder.Parse(value.Value?.ToString()) is { } at)
        {
            output.Attributes.SetAttribute("value", at.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>Reads a local date and time typed as dd/MM/yyyy HH:mm (or d/M/yyyy H:mm) and, for links, ISO yyyy-MM-ddTHH:mm.</summary>
internal sealed class DateTimeBinder(IStringLocalizer<SharedResource> localizer) : IModelBinder
{
    private static readonly string[] Formats = ["d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d-M-yyyy H:mm", "yyyy-M-d'T'H:mm", "yyyy-M-d'T'H:mm:ss", "yyyy-M-d H:mm"];

    public static DateTime? Parse(string? text) =>
        DateTime.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

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

            return Task.CompletedTask;
        }

        if (Parse(text) is { } at)
        {
            bindingContext.Result = ModelBindingResult.Success(at);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, localizer["Error.DateTimeFormat", text.Length > 20 ? text[..20] : text]);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Reads a date typed as dd/MM/yyyy (or d/M/yyyy, d-M-yyyy, d.M.yyyy) and, for links and older forms, yyyy-MM-dd.</summary>
internal sealed class DateOnlyBinder(IStringLocalizer<SharedResource> localizer) : IModelBinder
{
    private static readonly string[] Formats = ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-M-d"];

    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

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

            return Task.CompletedTask;
        }

        if (Parse(text) is { } date)
        {
            bindingContext.Result = ModelBindingResult.Success(date);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, localizer["Error.DateFormat", text.Length > 20 ? text[..20] : text]);
        }

        return Task.CompletedTask;
    }
}

internal sealed class DateOnlyBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.UnderlyingOrModelType;
        return type == typeof(DateOnly) ? new DateOnlyBinder(context.Services.GetRequiredService<IStringLocalizer<SharedResource>>())
            : type == typeof(DateTime) ? new DateTimeBinder(context.Services.GetRequiredService<IStringLocalizer<SharedResource>>())
            : null;
    }
}
