using QRCoder;

namespace Sipar.Modules.Documents;

/// <summary>QR codes for printed papers (receipts, survey invitations): a PNG, or a data URI for a print page.</summary>
internal static class QrCodes
{
    public static byte[] Png(string text, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    public static string DataUri(string text, int pixelsPerModule = 4) => "data:image/png;base64," + Convert.ToBase64String(Png(text, pixelsPerModule));
}
