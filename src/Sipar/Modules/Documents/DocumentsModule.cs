namespace Sipar.Modules.Documents;

/// <summary>Official outputs every module uses: the Decree 30 document and its header, spreadsheets.</summary>
internal static class DocumentsModule
{
    public static IHostApplicationBuilder AddDocuments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DocumentHeaders>();
        return builder;
    }
}
