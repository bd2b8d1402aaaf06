namespace Sipar.Infrastructure.Data;

/// <summary>
/// Rows computed from other rows (a pre-aggregated store, its to-do marks): rebuilt from the audited rows they come
/// from at any time, so they are not themselves written to the audit trail.
/// </summary>
#pragma warning disable CA1040 // A marker: which entities are derived is the information.
public interface IDerivedData;
#pragma warning restore CA1040
