namespace Sipar.Modules.Home;

internal static class HomeModule
{
    /// <summary>The home pages are Razor Pages (Index, Error); nothing else to map yet.</summary>
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app) => app;
}
