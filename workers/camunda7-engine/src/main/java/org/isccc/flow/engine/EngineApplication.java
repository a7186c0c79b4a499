package org.isccc.flow.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Camunda 7 process engine with its REST API (/engine-rest) on 127.0.0.1:$ISCCC_ENGINE_PORT, H2 in memory,
 * job executor on. Holds no processes of its own: the tests deploy bpmn/generated/camunda7/*.bpmn over REST
 * together with bpmn/forms/*.form, the Camunda Forms its user tasks link (camunda:formRef, binding latest).
 */
@SpringBootApplication
public class EngineApplication {
  public static void main(String[] args) {
    SpringApplication.run(EngineApplication.class, args);
  }
}
