using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Sipar.Infrastructure.Errors;

/// <summary>One problem with one field: a resource key (Resources/SharedResource.resx) and its arguments.</summary>
public sealed record FieldError(string Field, string MessageKey, params object[] Args);

/// <summary>Bad input refused by a domain rule. Pages show each message next to its field; the API returns 400.</summary>
public sealed class DomainValidationException : Exception
{
    public DomainValidationException(IReadOnlyList<FieldError> errors)
        : base(string.Join("; ", errors.Select(e => $"{e.Field}: {e.MessageKey}")))
    {
        Errors = errors;
    }

    public DomainValidationException(string field, string messageKey, params object[] args)
        : this([new FieldError(field, messageKey, args)])
    {
    }

    public DomainValidationException()
        : this([])
    {
    }

    public DomainValidationException(string message)
        : this("", message)
    {
    }

    public DomainValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<FieldError> Errors { get; }

    public void AddTo(ModelStateDictionary modelState, IStringLocalizer localizer, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(localizer);
        var labels = new LabelLocalizer(localizer);
        foreach (var e in Errors)
        {
            var key = string.IsNullOrEmpty(e.Field) ? "" : prefix + e.Field;
            modelState.AddModelError(key, labels[e.MessageKey, e.Args]);
        }
    }

    public Dictionary<string, string[]> ToDictionary(IStringLocalizer localizer)
    {
        var labels = new LabelLocalizer(localizer);
        return Errors.GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => labels[e.MessageKey, e.Args].Value).ToArray());
    }
}

/// <summary>The signed-in user may not do this (server-side check; the API returns 403).</summary>
public sealed class ForbiddenException : Exception
{
    public ForbiddenException()
        : base("Forbidden")
    {
    }

    public ForbiddenException(string message)
        : base(message)
    {
    }

    public ForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The record does not exist (the API returns 404).</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException()
        : base("Not found")
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Collects field errors, then throws them all at once.</summary>
public sealed class ValidationErrors
{
    private readonly List<FieldError> errors = [];

    public bool Any => errors.Count > 0;

    /// <summary>The errors so far (an import collects them per row instead of throwing).</summary>
    public IReadOnlyList<FieldError> List => errors;

    public void Add(string field, string messageKey, params object[] args) => errors.Add(new FieldError(field, messageKey, args));

    public void Required(string field, string? value, string labelKey)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Error.Required", new LabelArg(labelKey));
        }
    }

    public void MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, "Error.MaxLength", max);
        }
    }

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors.ToList());
        }
    }
}

/// <summary>An argument that is itself a resource key: the field's label, localized when the message is shown.</summary>
public sealed record LabelArg(string Key);
