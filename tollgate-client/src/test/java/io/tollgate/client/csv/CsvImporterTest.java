package io.tollgate.client.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvImporterTest {
    @Test
    void parsesQuotedFieldsAndLineEndings() {
        assertThat(CsvParser.parse("a,\"b, c\",\"d \"\"e\"\"\"\r\nx,y,z")).containsExactly(List.of("a", "b, c", "d \"e\""),
                List.of("x", "y", "z"));
        assertThatThrownBy(() -> CsvParser.parse("a,\"b")).hasMessage("CSV: a quoted field is not closed");
    }

    @Test
    void checksEveryRowBeforeImporting() {
        String header = String.join(",", CsvImporter.HEADER) + "\n";
        assertThat(CsvImporter.rows(header + "S,E,GET,/p,api_key,e,method\n\n", "f.csv")).hasSize(1);
        assertThatThrownBy(() -> CsvImporter.rows(header + "S,E,GET,/p,api_key,e\n", "f.csv"))
                .hasMessage("f.csv: line 2 has 6 fields (expected 7)");
        assertThatThrownBy(() -> CsvImporter.rows(header + "S,E,GET,/p,basic,e,method\n", "f.csv"))
                .hasMessage("auth_mode 'basic': expected api_key, app_id or oauth");
        assertThatThrownBy(() -> CsvImporter.rows(header + "S,,GET,/p,api_key,e,method\n", "f.csv"))
                .hasMessage("f.csv: line 2: endpoint_name is empty");
    }
}
