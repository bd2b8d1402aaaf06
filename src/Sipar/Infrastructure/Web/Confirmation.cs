namespace Sipar.Infrastructure.Web;

/// <summary>
/// The second step of an action that cannot be undone: the page shows what will be locked and any warnings, with the
/// values the person entered carried in hidden fields, and only the "confirm" post (<c>confirmed=true</c>) runs it.
/// It needs no JavaScript. Shown by <c>Shared/_Confirmation.cshtml</c>.
/// </summary>
internal sealed record Confirmation(
    string Handler,
    string Title,
    string Consequence,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<KeyValuePair<string, string?>> Fields,
    string ConfirmLabel,
    string CancelUrl);
