using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Sipar.Infrastructure.Web;

/// <summary>
/// The framework's own messages, in the request's language: a value that does not bind ("abc" for a number) is said in
/// Vietnamese beside its field, never "The value 'abc' is invalid." Sipar uses no client-side validation library, so no
/// <c>data-val-*</c> attributes (with their English defaults, such as "The RememberMe field is required.") are written.
/// </summary>
internal sealed class BindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var t = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        string Invalid(string value) => t["Error.InvalidValue", value.Length > 20 ? value[..20] : value];
        m.SetAttemptedValueIsInvalidAccessor((value, _) => Invalid(value));
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(Invalid);
        m.SetValueIsInvalidAccessor(Invalid);
        m.SetUnknownValueIsInvalidAccessor(_ => t["Error.Invalid"]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["Error.Invalid"]);
        m.SetValueMustBeANumberAccessor(_ => t["Error.NotANumber"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => t["Error.NotANumber"]);
        m.SetValueMustNotBeNullAccessor(_ => t["Error.ValueRequired"]);
        m.SetMissingBindRequiredValueAccessor(_ => t["Error.ValueRequired"]);
        m.SetMissingKeyOrValueAccessor(() => t["Error.ValueRequired"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => t["Error.ValueRequired"]);
    }
}
