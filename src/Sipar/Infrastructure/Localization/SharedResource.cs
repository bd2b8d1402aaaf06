using Microsoft.Extensions.Localization;

// The executable is called 'sipar'; resources are named after the root namespace 'Sipar'.
[assembly: RootNamespace("Sipar")]

namespace Sipar;

/// <summary>
/// Marker for the UI strings in Resources/SharedResource.resx (Vietnamese, the default) and
/// SharedResource.en.resx (English), both written by scripts/strings.py from one table. A test checks both
/// files have the same keys.
/// </summary>
public sealed class SharedResource;
