using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WeComKf : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WeComKfCursors",
                columns: table => new
                {
                    OpenKfId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Cursor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeComKfCursors", x => x.OpenKfId);
                });

            migrationBuilder.CreateTable(
                name: "WeComKfWindows",
                columns: table => new
                {
                    OpenKfId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExternalUserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    LastCustomerMessageAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentSinceCustomerMessage = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeComKfWindows", x => new { x.OpenKfId, x.ExternalUserId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WeComKfCursors");

            migrationBuilder.DropTable(
                name: "WeComKfWindows");
        }
    }
}
