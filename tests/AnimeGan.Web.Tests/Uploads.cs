using System.Net.Http.Headers;

namespace AnimeGan.Web.Tests
{
    /// <summary>Multipart forms as a browser or an integrator sends them.</summary>
    internal static class Uploads
    {
        public static MultipartFormDataContent Form(byte[] image, string fileName, params (string Name, string Value)[] fields)
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(image);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "image", fileName);
            foreach (var (name, value) in fields)
                form.Add(new StringContent(value), name);
            return form;
        }

        /// <summary>A shared photo scaled down, as JPEG bytes.</summary>
        public static byte[] Photo(string source, int longSide)
        {
            using var folder = new TemporaryDirectory();
            return File.ReadAllBytes(TestImages.WritePhoto(source, folder.File("p.jpg"), longSide));
        }
    }
}
