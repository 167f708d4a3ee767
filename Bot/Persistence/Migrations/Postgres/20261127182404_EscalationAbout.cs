using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EscalationAbout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AboutId",
                table: "Escalations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AboutId",
                table: "Escalations");
        }
    }
}
